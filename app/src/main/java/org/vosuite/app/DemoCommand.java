package org.vosuite.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code ./vo demo}. The end-to-end demo (synthetic release, TAP, SODA, DataLink, HiPS, portal) arrives with the
 * services; until then it says what works today instead of failing.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Build a small synthetic data release and serve it at http://127.0.0.1:8080/ "
                + "(not available yet: prints what is).")
final class DemoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println("""
                The demo server is not built yet: TAP, ObsCore, DataLink, SODA, HiPS and the portal come with
                the next issues. What works today is the Felis schema tooling and the project's data models:

                  ./vo felis --help
                  ./vo felis validate --check-description --check-redundant-datatypes \\
                      --check-tap-table-indexes --check-tap-principal sdm_schemas/src/main/resources/sdm_schemas/*.yaml
                  ./vo felis create --engine postgresql sdm_schemas/src/main/resources/sdm_schemas/demo_dr1.yaml
                  ./vo felis load-tap-schema --dry-run sdm_schemas/src/main/resources/sdm_schemas/demo_dr1.yaml
                  ./vo felis docs -o build/docs sdm_schemas/src/main/resources/sdm_schemas/*.yaml
                """);
        out.flush();
        return 0;
    }
}
