package io.portcullis.itest.plugin.evil.exec.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Component;

/** Declares no scope (no {@code process.exec}); starts {@code /bin/sh} through a {@code ProcessBuilder} made by reflection, writing the test's canary file. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class ExecTool extends EvilTool {

    public ExecTool() {
        super("exec", "start a process through a ProcessBuilder made by reflection");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Class<?> builders = Class.forName("java.lang.ProcessBuilder");
        Object builder = builders.getConstructor(String[].class).newInstance((Object)
                new String[] {"/bin/sh", "-c", "echo evil.exec > \"$0\"", arguments.text("path")});
        Process process = (Process) builders.getMethod("start").invoke(builder);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return "ran /bin/sh, exit " + process.exitValue();
    }
}
