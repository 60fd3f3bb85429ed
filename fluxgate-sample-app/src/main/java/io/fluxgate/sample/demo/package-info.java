/**
 * Background traffic for the demo: {@code POST /demo/traffic?seconds=30}.
 */
@NullMarked
package io.fluxgate.sample.demo;

import org.jspecify.annotations.NullMarked;
