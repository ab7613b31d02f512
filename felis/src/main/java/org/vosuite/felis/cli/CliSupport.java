package org.vosuite.felis.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vosuite.felis.Felis;
import org.vosuite.felis.check.Problem;
import org.vosuite.felis.ddl.Database;
import org.vosuite.felis.ddl.Dialect;
import org.vosuite.felis.ddl.EngineUrl;
import org.vosuite.felis.model.Schema;
import org.vosuite.felis.parse.FelisFileException;
import org.vosuite.felis.parse.ReadResult;
import org.vosuite.felis.check.CheckOptions;
import picocli.CommandLine;

/** What the felis subcommands share: loading a schema, resolving the database, writing SQL, reporting errors. */
final class CliSupport {
    private CliSupport() {
    }

    /** A user error with a message to print; exit status 1. */
    static final class UserError extends RuntimeException {
        UserError(String message) {
            super(message);
        }
    }

    /** Turns the exceptions users can cause into messages and exit codes; anything else is a bug. */
    static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
            PrintWriter err = cl.getErr();
            if (e instanceof FelisFileException f) {
                for (Problem p : f.problems()) {
                    if (p.isError()) {
                        err.println(p.format());
                    }
                }
                err.println("error: the schema is not valid; run 'felis validate' for details");
            } else if (e instanceof UserError || e instanceof Database.DatabaseException
                    || e instanceof IllegalArgumentException) {
                err.println("error: " + e.getMessage());
            } else if (e instanceof IOException io) {
                err.println("error: " + io.getClass().getSimpleName().replace("Exception", "") + ": "
                        + io.getMessage());
            } else {
                err.println("internal error (please report it): " + e);
                e.printStackTrace(err);
                err.flush();
                return 3;
            }
            err.flush();
            return 1;
        }
    }

    static Schema load(FelisCommand felis, Path file, boolean forceUnbounded, PrintWriter err) {
        ReadResult r = Felis.validate(file, felis.readOptions(forceUnbounded), CheckOptions.NONE);
        if (!r.ok()) {
            throw new FelisFileException(r.problems());
        }
        if (felis.showWarnings()) {
            r.problems().forEach(p -> err.println(p.format()));
        }
        return r.schema();
    }

    /**
     * The database: {@code --engine-url} (JDBC or SQLAlchemy form), else FELIS_ENGINE_URL, else a dialect-only
     * URL from {@code --engine}, else {@code fallback}.
     */
    static EngineUrl engine(String engineUrl, String engineName, String fallback) {
        String url = engineUrl;
        if (url == null || url.isBlank()) {
            url = System.getenv("FELIS_ENGINE_URL");
        }
        Dialect named = null;
        if (engineName != null) {
            named = Dialect.fromName(engineName).orElseThrow(() -> new UserError("unknown --engine '" + engineName
                    + "'; use postgresql, mysql, sqlite or h2"));
        }
        if (url == null || url.isBlank()) {
            if (named != null) {
                return new EngineUrl(named, null, new java.util.Properties());
            }
            if (fallback == null) {
                throw new UserError("no database given: use --engine-url (a JDBC URL such as "
                        + "jdbc:postgresql://localhost:5432/db?user=me) or --dry-run with --engine");
            }
            url = fallback;
        }
        EngineUrl e = EngineUrl.parse(url);
        if (named != null && named != e.dialect()) {
            throw new UserError("--engine " + engineName + " does not match the --engine-url, which is "
                    + e.dialect().cliName());
        }
        return e;
    }

    /**
     * The print-or-run rule the database commands share: with a dialect-only URL or --dry-run the SQL is printed
     * (or written to -o) and true comes back; otherwise -o and --echo get a copy and the caller executes.
     */
    static boolean printInstead(EngineUrl url, boolean dryRun, Path output, boolean echo, List<String> sql,
            PrintWriter out) throws IOException {
        if (url.isMock() || dryRun) {
            writeSql(sql, output, out);
            return true;
        }
        if (output != null) {
            writeSql(sql, output, out);
        }
        if (echo) {
            writeSql(sql, null, out);
        }
        return false;
    }

    /** Prints or writes SQL statements, each ending with a semicolon. */
    static void writeSql(List<String> statements, Path output, PrintWriter out) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String s : statements) {
            sb.append(s).append(";\n");
        }
        if (output != null) {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, sb.toString(), StandardCharsets.UTF_8);
        } else {
            out.print(sb);
            out.flush();
        }
    }
}
