package org.parley.relay.registry;

class InMemoryUserRegistryTest extends UserRegistryContractTest {
    @Override
    protected UserRegistry registry() {
        return new InMemoryUserRegistry();
    }
}
