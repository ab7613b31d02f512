package org.vosuite.felis.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vosuite.felis.Felis;
import org.vosuite.felis.check.CheckOptions;
import org.vosuite.felis.check.Problem;
import org.vosuite.felis.dump.SchemaWriter;
import org.vosuite.felis.parse.ReadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate Felis files. Exit status 0 when every file is valid, 1 otherwise.",
                "Beyond python felis, primaryKey, index and column-group column ids are checked too."})
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    FelisCommand felis;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"--check-description", "-d"}, description = "Require a non-empty description on every object.")
    boolean checkDescription;
    @Option(names = {"--check-redundant-datatypes", "-t"},
            description = "Reject mysql:/postgresql:datatype overrides that give the same SQL type as datatype.")
    boolean checkRedundantDatatypes;
    @Option(names = "--check-tap-table-indexes",
            description = "Require a unique tap:table_index on every table.")
    boolean checkTapTableIndexes;
    @Option(names = "--check-tap-principal",
            description = "Require at least one tap:principal column in every table.")
    boolean checkTapPrincipal;
    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Report format: text (file:line: error: object: message) or json. Default: text.")
    String format;
    @Option(names = {"--quiet", "-q"}, description = "Print only problems, not the per-file verdicts.")
    boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Felis YAML files.")
    List<Path> files;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new CliSupport.UserError("--format must be text or json, not '" + format + "'");
        }
        CheckOptions checks = new CheckOptions(checkDescription, checkRedundantDatatypes, checkTapTableIndexes,
                checkTapPrincipal);
        var out = spec.commandLine().getOut();
        boolean allValid = true;
        List<Object> reports = new ArrayList<>();
        for (Path file : files) {
            ReadResult r = Felis.validate(file, felis.readOptions(false), checks);
            boolean valid = r.ok();
            allValid &= valid;
            long errors = r.problems().stream().filter(Problem::isError).count();
            long warnings = r.problems().size() - errors;
            if (format.equals("json")) {
                Map<String, Object> rep = new LinkedHashMap<>();
                rep.put("file", file.toString());
                rep.put("valid", valid);
                rep.put("errors", errors);
                rep.put("warnings", warnings);
                List<Object> ps = new ArrayList<>();
                for (Problem p : r.problems()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("severity", p.severity().label());
                    m.put("file", p.location().file());
                    m.put("line", p.location().line());
                    m.put("object", p.object());
                    m.put("message", p.message());
                    ps.add(m);
                }
                rep.put("problems", ps);
                reports.add(rep);
            } else {
                for (Problem p : r.problems()) {
                    if (p.isError() || felis.showWarnings()) {
                        out.println(p.format());
                    }
                }
                if (!quiet) {
                    out.println(file + ": " + (valid ? "valid" : "INVALID") + " (" + errors + " error"
                            + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s")
                            + ")");
                }
            }
        }
        if (format.equals("json")) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("valid", allValid);
            all.put("files", reports);
            out.print(SchemaWriter.json(all));
        }
        out.flush();
        return allValid ? 0 : 1;
    }
}
