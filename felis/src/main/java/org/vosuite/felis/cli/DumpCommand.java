package org.vosuite.felis.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vosuite.felis.dump.SchemaTree;
import org.vosuite.felis.dump.SchemaWriter;
import org.vosuite.felis.model.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Read a Felis file and write it back as YAML or JSON (by OUT's extension), with derived "
                + "values (ids, arraysize, xtype) filled in and defaults left out."})
final class DumpCommand implements Callable<Integer> {
    @ParentCommand
    FelisCommand felis;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--strip-ids", description = "Leave out @id values.")
    boolean stripIds;
    @Option(names = "--dereference-resources",
            description = "Write columns imported with columnRefs as ordinary columns.")
    boolean dereference;
    @Option(names = "--sort-columns", description = "Sort each table's columns by name.")
    boolean sortColumns;

    @Parameters(index = "0", paramLabel = "IN")
    Path in;
    @Parameters(index = "1", paramLabel = "OUT", description = "Output file: .yaml, .yml or .json; - for YAML on "
            + "standard output.")
    String out;

    @Override
    public Integer call() throws Exception {
        Schema schema = CliSupport.load(felis, in, false, spec.commandLine().getErr());
        var tree = new SchemaTree(stripIds, dereference, sortColumns).of(schema);
        String lower = out.toLowerCase(java.util.Locale.ROOT);
        String text;
        if (lower.endsWith(".json")) {
            text = SchemaWriter.json(tree);
        } else if (lower.endsWith(".yaml") || lower.endsWith(".yml") || out.equals("-")) {
            text = SchemaWriter.yaml(tree);
        } else {
            throw new CliSupport.UserError("OUT must end in .yaml, .yml or .json (or be - for standard output)");
        }
        if (out.equals("-")) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(Path.of(out), text, StandardCharsets.UTF_8);
        }
        return 0;
    }
}
