package io.fluxgate.spring.autoconfigure;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * At build time (Spring AOT), registers a reflection hint for every class a tracker expression names in
 * {@code TypeOf(...)}, so that the parser's {@code Class.forName} finds it in a native image. Acts only when the
 * starter's own {@link PropertiesCircuitBreakerFactory} is a bean: a factory of your own parses nothing. The
 * properties are those the build sees; see {@link TrackerClasses} for how they are read.
 */
final class TrackerClassesAotProcessor implements BeanRegistrationAotProcessor {

    TrackerClassesAotProcessor() {
    }

    @Override
    public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean bean) {
        if (!PropertiesCircuitBreakerFactory.class.isAssignableFrom(bean.getBeanClass())) {
            return null;
        }
        ConfigurableListableBeanFactory beans = bean.getBeanFactory();
        Environment environment = beans.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME,
                Environment.class);
        FluxgateProperties properties = Binder.get(environment).bindOrCreate("fluxgate", FluxgateProperties.class);
        ClassLoader classLoader = beans.getBeanClassLoader();
        Set<Class<?>> classes = TrackerClasses.named(properties,
                classLoader != null ? classLoader : ClassUtils.getDefaultClassLoader(), beans::containsBean);
        if (classes.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> classes.forEach(type ->
                generationContext.getRuntimeHints().reflection().registerType(type));
    }
}
