package org.iofog.connector.transport.nativesupport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;

import org.iofog.connector.api.transport.RelayTransport;
import org.iofog.connector.transport.nativesupport.NativeTransportRegistrar.NativeTransport;
import org.junit.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * What is registered, and when, against a bundle context that only records what it is asked: no OSGi
 * framework or DS runtime is started here.
 */
public class NativeTransportRegistrarTest {

    private final List<Object[]> registered = new ArrayList<>();
    private final List<Dictionary<?, ?>> reregistered = new ArrayList<>();
    private int unregistered;
    private final RelayTransport service = (RelayTransport) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {RelayTransport.class}, (proxy, method, args) -> switch (method.getName()) {
                case "supportsSplice" -> false;
                case "name" -> "fake";
                default -> objectMethod(proxy, method.getName(), args);
            });

    @Test
    public void aTransportThatLoadsIsRegisteredWithItsNameRankingAndSpliceAndWithdrawnOnce() {
        NativeTransportRegistrar registrar = new NativeTransportRegistrar(
                new NativeTransport("fake", 15, () -> true, () -> null, () -> service));

        registrar.register(recordingContext());

        assertEquals(1, registered.size());
        Object[] registration = registered.get(0);
        assertSame(RelayTransport.class, registration[0]);
        assertSame(service, registration[1]);
        Dictionary<?, ?> properties = (Dictionary<?, ?>) registration[2];
        assertEquals("fake", properties.get(RelayTransport.NAME_PROPERTY));
        assertEquals(15, properties.get(Constants.SERVICE_RANKING));
        assertEquals("described, not listed: whether it splices", Boolean.FALSE,
                properties.get(RelayTransport.SPLICE_PROPERTY));

        registrar.unregister();
        assertEquals(1, unregistered);
        registrar.unregister();
        assertEquals("a second unregister must not unregister again", 1, unregistered);
    }

    @Test
    public void aTransportThatDoesNotLoadRegistersNothing() {
        NativeTransport missing = new NativeTransport("fake", 15, () -> false,
                () -> new UnsatisfiedLinkError("no netty_transport_native_fake_x86_64"), () -> service);
        new NativeTransportRegistrar(missing).register(recordingContext());
        assertEquals(0, registered.size());
        assertTrue(NativeTransportRegistrar.unavailabilityCause(missing) instanceof UnsatisfiedLinkError);
    }

    @Test
    public void aClassThatCannotLinkCountsAsUnavailable() {
        NativeTransport halfInstalled = new NativeTransport("fake", 15, () -> {
            throw new NoClassDefFoundError("io/netty/channel/fake/Native");
        }, () -> null, () -> service);
        new NativeTransportRegistrar(halfInstalled).register(recordingContext());
        assertEquals(0, registered.size());
        assertTrue(NativeTransportRegistrar.unavailabilityCause(halfInstalled) instanceof NoClassDefFoundError);
        NativeTransport silent = new NativeTransport("fake", 15, () -> false, () -> null, () -> service);
        assertEquals("java.lang.IllegalStateException: Netty gave no cause",
                String.valueOf(NativeTransportRegistrar.unavailabilityCause(silent)));
        assertNull(NativeTransportRegistrar.unavailabilityCause(
                new NativeTransport("fake", 15, () -> true, () -> null, () -> service)));
    }

    @Test
    public void aRankingChangeReachesTheRegisteredServiceAtOnceAndALaterRegistrationOtherwise() {
        NativeTransportRegistrar registrar = new NativeTransportRegistrar(
                new NativeTransport("fake", 15, () -> true, () -> null, () -> service));
        registrar.rank(30);
        assertEquals("not registered yet: nothing to update", 0, reregistered.size());
        registrar.register(recordingContext());
        assertEquals(30, ((Dictionary<?, ?>) registered.get(0)[2]).get(Constants.SERVICE_RANKING));

        registrar.rank(5);
        assertEquals(1, reregistered.size());
        assertEquals(5, reregistered.get(0).get(Constants.SERVICE_RANKING));
        assertEquals("still described by its name", "fake", reregistered.get(0).get(RelayTransport.NAME_PROPERTY));
        registrar.rank(5);
        assertEquals("the same ranking changes nothing", 1, reregistered.size());
    }

    @Test
    public void theRankingComesFromTheTransportsOwnConfigurationAndABadValueKeepsTheLast() {
        TransportRegistrarComponent component = new TransportRegistrarComponent(
                new NativeTransport("fake", 15, () -> true, () -> null, () -> service)) {
        };
        assertEquals("none configured: the transport's own", 15, component.ranking(Map.of()));
        assertEquals(25, component.ranking(Map.of(TransportRegistrarComponent.RANKING, 25)));
        assertEquals("text from a .cfg file", 7, component.ranking(Map.of(TransportRegistrarComponent.RANKING, " 7 ")));
        component.activate(recordingContext(), Map.of(TransportRegistrarComponent.RANKING, "40"));
        assertEquals(40, ((Dictionary<?, ?>) registered.get(0)[2]).get(Constants.SERVICE_RANKING));
        component.modified(Map.of(TransportRegistrarComponent.RANKING, "high"));
        assertEquals("a bad value is rejected and the ranking kept", 0, reregistered.size());
        component.modified(Map.of(TransportRegistrarComponent.RANKING, "-3"));
        assertEquals(-3, reregistered.get(0).get(Constants.SERVICE_RANKING));
        component.deactivate();
        assertEquals(1, unregistered);
    }

    @Test
    public void describeNamesTheInnermostCause() {
        Throwable cause = new IllegalStateException("failed to load the required native library",
                new UnsatisfiedLinkError("no netty_transport_native_epoll_x86_64 in java.library.path"));
        String text = NativeTransportRegistrar.describe(cause);
        assertTrue(text, text.contains("failed to load the required native library"));
        assertTrue(text, text.contains("caused by java.lang.UnsatisfiedLinkError: no netty_transport_native_epoll"));
    }

    private BundleContext recordingContext() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        unregistered++;
                        return null;
                    }
                    if (method.getName().equals("setProperties")) {
                        reregistered.add((Dictionary<?, ?>) args[0]);
                        return null;
                    }
                    return objectMethod(proxy, method.getName(), args);
                });
        return (BundleContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("registerService") && args[0] instanceof Class) {
                        registered.add(args);
                        return registration;
                    }
                    return objectMethod(proxy, method.getName(), args);
                });
    }

    private static Object objectMethod(Object proxy, String name, Object[] args) {
        return switch (name) {
            case "toString" -> "recording proxy";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(name);
        };
    }
}
