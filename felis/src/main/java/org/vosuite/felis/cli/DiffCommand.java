package org.vosuite.felis.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vosuite.felis.diff.SchemaDiff;
import org.vosuite.felis.dump.SchemaWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show what changed between two Felis files: tables, columns, types, constraints, indexes "
                + "and TAP metadata added (+), removed (-) or changed (~)."})
final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    FelisCommand felis;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"--error-on-change", "-E"}, description = "Exit with status 1 when anything changed.")
    boolean errorOnChange;
    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Default: text.")
    String format;

    @Parameters(index = "0", paramLabel = "OLD")
    Path before;
    @Parameters(index = "1", paramLabel = "NEW")
    Path after;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        List<SchemaDiff.Change> changes = SchemaDiff.compare(CliSupport.load(felis, before, false, err),
                CliSupport.load(felis, after, false, err));
        if (format.equals("json")) {
            List<Object> list = new ArrayList<>();
            for (SchemaDiff.Change c : changes) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("change", c.kind().name().toLowerCase(java.util.Locale.ROOT));
                m.put("object", c.what());
                if (c.attribute() != null) {
                    m.put("attribute", c.attribute());
                    m.put("old", c.before());
                    m.put("new", c.after());
                }
                list.add(m);
            }
            out.print(SchemaWriter.json(list));
        } else if (!format.equals("text")) {
            throw new CliSupport.UserError("--format must be text or json, not '" + format + "'");
        } else if (changes.isEmpty()) {
            out.println("no differences");
        } else {
            changes.forEach(c -> out.println(c.format()));
        }
        out.flush();
        return errorOnChange && !changes.isEmpty() ? 1 : 0;
    }
}
