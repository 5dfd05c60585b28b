package org.datasharing.registry.web.pages;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller that answers with the site's pages, so that {@link PageModel} gives its views
 * the layout's model (who is signed in, sign-in, where we are) and the REST controllers that share
 * its feature package do not pay for it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PageController {}
