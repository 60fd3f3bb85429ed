/**
 * The flaky downstream "payment provider" under {@code /provider/**} and its chaos switch under {@code /chaos}.
 */
@NullMarked
package io.fluxgate.sample.provider;

import org.jspecify.annotations.NullMarked;
