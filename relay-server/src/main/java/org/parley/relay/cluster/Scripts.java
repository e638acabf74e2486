package org.parley.relay.cluster;

/**
 * The Lua scripts the cluster runs in Redis. Each one is atomic there (Redis runs one script at a time),
 * which is what makes a name claim, a store with its bound check, an ack and the clean-up of a dead
 * node safe against every other node without locks. Keys are always passed in {@code KEYS}.
 */
final class Scripts {
    private Scripts() {
    }

    /** KEYS: online, node-users. ARGV: name, value, presence message, presence channel. → 1 claimed, 0 taken. */
    static final String CLAIM = """
            if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
            redis.call('SADD', KEYS[2], ARGV[1])
            redis.call('PUBLISH', ARGV[4], ARGV[3])
            return 1
            """;

    /** KEYS: online, node-users. ARGV: name, value (must still be ours), presence message, channel. */
    static final String RELEASE = """
            if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('SREM', KEYS[2], ARGV[1])
            redis.call('PUBLISH', ARGV[4], ARGV[3])
            return 1
            """;

    /**
     * Frees the names of a node whose heartbeat expired, announcing a leave for each.
     * KEYS: online, node-users(dead), nodes, heartbeat(dead). ARGV: dead node id, presence channel, "force".
     * → number of names freed, -1 if the node is alive.
     */
    static final String REAP = """
            if ARGV[3] ~= 'force' and redis.call('EXISTS', KEYS[4]) == 1 then return -1 end
            local prefix = ARGV[1] .. ' '
            local n = 0
            for _, name in ipairs(redis.call('SMEMBERS', KEYS[2])) do
              local v = redis.call('HGET', KEYS[1], name)
              if v and string.sub(v, 1, #prefix) == prefix then
                redis.call('HDEL', KEYS[1], name)
                redis.call('PUBLISH', ARGV[2], 'L ' .. ARGV[1] .. ' ' .. name)
                n = n + 1
              end
            end
            redis.call('DEL', KEYS[2])
            redis.call('SREM', KEYS[3], ARGV[1])
            return n
            """;

    /**
     * Stores one message for several recipients. Per recipient: drops up to 64 expired copies, skips a
     * resend (same "from id"), refuses when the queue is full, else appends to the inbox stream and
     * indexes the entry. KEYS: depth, inboxes, then inbox and index per recipient.
     * ARGV: "from id", deliver, max per user, expiry cutoff stream id, then the recipient names.
     * → the 1-based positions of the recipients refused for a full queue.
     */
    static final String STORE = """
            local k, d, max, cutoff = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
            local full = {}
            local added = 0
            local n = (#KEYS - 2) / 2
            for i = 1, n do
              local s, x = KEYS[2 * i + 1], KEYS[2 * i + 2]
              local old = redis.call('XRANGE', s, '-', '(' .. cutoff, 'COUNT', 64)
              for _, e in ipairs(old) do
                redis.call('HDEL', x, e[2][2])
                added = added - redis.call('XDEL', s, e[1])
              end
              if redis.call('HEXISTS', x, k) == 0 then
                if redis.call('XLEN', s) >= max then
                  table.insert(full, i)
                else
                  local id = redis.call('XADD', s, '*', 'k', k, 'd', d)
                  redis.call('HSET', x, k, id)
                  redis.call('SADD', KEYS[2], ARGV[4 + i])
                  added = added + 1
                end
              end
            end
            if added ~= 0 then redis.call('INCRBY', KEYS[1], added) end
            return full
            """;

    /** KEYS: inbox, index, depth. ARGV: "from id". → 1 if a copy was deleted, 0 if none was stored. */
    static final String ACK = """
            local id = redis.call('HGET', KEYS[2], ARGV[1])
            if not id then return 0 end
            redis.call('HDEL', KEYS[2], ARGV[1])
            if redis.call('XDEL', KEYS[1], id) == 1 then redis.call('DECR', KEYS[3]) end
            return 1
            """;

    /**
     * Drops up to 1000 expired copies of one inbox; deletes the inbox when empty.
     * KEYS: inbox, index, depth, inboxes. ARGV: cutoff stream id, user name. → copies dropped.
     */
    static final String TRIM = """
            local old = redis.call('XRANGE', KEYS[1], '-', '(' .. ARGV[1], 'COUNT', 1000)
            local removed = 0
            for _, e in ipairs(old) do
              redis.call('HDEL', KEYS[2], e[2][2])
              removed = removed + redis.call('XDEL', KEYS[1], e[1])
            end
            if removed > 0 then redis.call('DECRBY', KEYS[3], removed) end
            if redis.call('XLEN', KEYS[1]) == 0 then
              redis.call('DEL', KEYS[1], KEYS[2])
              redis.call('SREM', KEYS[4], ARGV[2])
            end
            return removed
            """;
}
