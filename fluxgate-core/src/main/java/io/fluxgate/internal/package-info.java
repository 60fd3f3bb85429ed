/**
 * Fluxgate's engine room. Not API: types here may change or disappear in any release, and code outside
 * Fluxgate must not use them.
 */
package io.fluxgate.internal;
