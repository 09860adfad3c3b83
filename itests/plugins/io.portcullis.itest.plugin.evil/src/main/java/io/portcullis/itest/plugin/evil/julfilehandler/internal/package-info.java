/** Evil plugin julfilehandler: file write through java.util.logging.FileHandler made by reflection. */
@NullMarked
package io.portcullis.itest.plugin.evil.julfilehandler.internal;

import org.jspecify.annotations.NullMarked;
