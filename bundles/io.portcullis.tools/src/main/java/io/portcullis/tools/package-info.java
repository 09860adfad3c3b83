/**
 * The tool invoker's contract for other core bundles (the agent's runs, the REST API): every call of
 * a plugin's {@link io.portcullis.spi.Tool} goes through {@link io.portcullis.tools.ToolInvoker},
 * which checks it, runs it with a deadline, redacts and marks its result as untrusted, and puts the
 * attempt on the audit record. Plugins never see this package.
 */
@Export
@Version("1.1.0")
@NullMarked
package io.portcullis.tools;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
