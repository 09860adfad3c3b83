/** Evil plugin urlclassloader: remote class loading through a URLClassLoader made by reflection. */
@NullMarked
package io.portcullis.itest.plugin.evil.urlclassloader.internal;

import org.jspecify.annotations.NullMarked;
