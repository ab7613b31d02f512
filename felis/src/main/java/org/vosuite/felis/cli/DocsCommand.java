package org.vosuite.felis.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vosuite.felis.docs.DataDictionary;
import org.vosuite.felis.model.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "docs", mixinStandardHelpOptions = true,
        description = "Write a data dictionary per schema: <schema>.md and <schema>.html, plus index.html.")
final class DocsCommand implements Callable<Integer> {
    @ParentCommand
    FelisCommand felis;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"--output-dir", "-o"}, required = true, paramLabel = "DIR", description = "Output folder.")
    Path dir;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        StringBuilder index = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Data dictionary</title></head><body><h1>Data dictionary</h1><ul>\n");
        for (Path f : files) {
            Schema s = CliSupport.load(felis, f, false, spec.commandLine().getErr());
            DataDictionary d = new DataDictionary(s);
            Files.writeString(dir.resolve(s.name() + ".md"), d.markdown(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(s.name() + ".html"), d.html(), StandardCharsets.UTF_8);
            index.append("<li><a href=\"").append(s.name()).append(".html\">").append(s.name()).append("</a> (")
                    .append(s.tables().size()).append(" tables)</li>\n");
            spec.commandLine().getErr().println("wrote " + dir.resolve(s.name() + ".md") + " and .html");
        }
        index.append("</ul></body></html>\n");
        Files.writeString(dir.resolve("index.html"), index.toString(), StandardCharsets.UTF_8);
        return 0;
    }
}
