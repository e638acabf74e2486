# Sourced by run.sh and test.sh: finds a JDK 17+ for the Maven wrapper and exports JAVA_HOME.
# Order: $JAVA_HOME, javac on PATH, then the JDKs under /usr/lib/jvm (newest first).
parley_jdk_ok() { # $1 = JDK home; true when it has javac and is Java 17 or newer
  [ -x "$1/bin/javac" ] || return 1
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ -n "$v" ] && [ "${v%%.*}" -ge 17 ] 2>/dev/null
}
parley_find_jdk() {
  candidates="${JAVA_HOME:-}"
  if command -v javac >/dev/null 2>&1; then
    candidates="$candidates $(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  fi
  candidates="$candidates $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV)"
  for home in $candidates; do
    home=${home%/}
    if parley_jdk_ok "$home"; then
      export JAVA_HOME="$home"
      return 0
    fi
  done
  echo "Parley needs a JDK 17 or newer (javac included). None was found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "Install one (for example: apt-get install openjdk-17-jdk) or set JAVA_HOME to it." >&2
  return 1
}
