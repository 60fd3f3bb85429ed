package io.fluxgate.redis;

import io.fluxgate.State;
import io.fluxgate.redis.FleetBreakerDescriptor.CommandDescriptor;
import io.fluxgate.redis.FleetBreakerDescriptor.InstanceDescriptor;
import io.fluxgate.spring.actuate.FleetScope;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The {@code scope=fleet} answers of the {@code fluxgate} endpoint, when the actuator is on the class path. */
final class FleetEndpointScope implements FleetScope {

    private final FleetMember member;

    FleetEndpointScope(FleetMember member) {
        this.member = member;
    }

    @Override
    public @Nullable FleetBreakerDescriptor describe(String name) {
        FleetMember.View view = member.view(name);
        if (view == null) {
            return null;
        }
        Map<State, Integer> states = new EnumMap<>(State.class);
        Map<String, InstanceDescriptor> instances = new TreeMap<>();
        view.live().forEach((id, entry) -> {
            states.merge(entry.state(), 1, Integer::sum);
            instances.put(id, new InstanceDescriptor(entry.state(), entry.changedAt(), entry.text()));
        });
        return new FleetBreakerDescriptor(name, view.fleet(), instances.size(), states, instances,
                view.command() == null ? null : command(view.command()));
    }

    @Override
    public @Nullable CommandDescriptor change(String name, State state) {
        FleetMessage sent = member.send(name, state);
        return sent == null ? null : command(sent);
    }

    private static CommandDescriptor command(FleetMessage command) {
        return new CommandDescriptor(command.breaker(), command.state(), command.instance(), command.changedAt(),
                FleetMember.reason(command.state(), command.instance()));
    }
}
