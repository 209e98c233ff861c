package org.iofog.connector.transport.iouring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;

import org.iofog.connector.api.transport.RelayTransport;
import org.junit.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * What the registrar registers, against a bundle context that only records what it is asked: no OSGi
 * framework or DS runtime is started here.
 */
public class IoUringTransportRegistrarTest {

    private final List<Object[]> registered = new ArrayList<>();
    private int unregistered;

    @Test
    public void registersTheTransportWhenIoUringLoadsAndUnregistersOnDeactivate() {
        Throwable cause = IoUringTransportRegistrar.unavailabilityCause();
        assertNull("io_uring must load on this machine but does not: " + IoUringTransportRegistrar.describe(cause), cause);
        IoUringTransportRegistrar registrar = new IoUringTransportRegistrar();

        registrar.activate(recordingContext());

        assertEquals(1, registered.size());
        Object[] registration = registered.get(0);
        assertSame(RelayTransport.class, registration[0]);
        assertTrue(registration[1] instanceof IoUringRelayTransport);
        Dictionary<?, ?> props = (Dictionary<?, ?>) registration[2];
        assertEquals("io_uring", props.get(RelayTransport.NAME_PROPERTY));
        assertEquals(Integer.valueOf(10), props.get(Constants.SERVICE_RANKING));

        registrar.deactivate();
        assertEquals(1, unregistered);
        registrar.deactivate();
        assertEquals("a second deactivate must not unregister again", 1, unregistered);
    }

    @Test
    public void describeNamesTheInnermostCause() {
        Throwable cause = new IllegalStateException("failed to load the required native library",
                new UnsatisfiedLinkError("no netty_transport_native_io_uring42_x86_64 in java.library.path"));
        String text = IoUringTransportRegistrar.describe(cause);
        assertTrue(text, text.contains("failed to load the required native library"));
        assertTrue(text, text.contains("no netty_transport_native_io_uring42_x86_64"));
    }

    private BundleContext recordingContext() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        unregistered++;
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
        switch (name) {
            case "toString":
                return "recording proxy";
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                throw new UnsupportedOperationException(name);
        }
    }
}
