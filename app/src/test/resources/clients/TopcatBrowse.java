import java.net.URL;
import uk.ac.starlink.util.ContentCoding;
import uk.ac.starlink.vo.ColumnMeta;
import uk.ac.starlink.vo.ForeignMeta;
import uk.ac.starlink.vo.SchemaMeta;
import uk.ac.starlink.vo.TableMeta;
import uk.ac.starlink.vo.TapMetaPolicy;
import uk.ac.starlink.vo.TapMetaReader;
import uk.ac.starlink.vo.TapService;
import uk.ac.starlink.vo.TapServices;

/**
 * What TOPCAT's TAP window does to show a service's tables, with the library it does it with (Debian's
 * starlink-vo, shared by topcat and stilts): the default metadata policy chooses how to read the metadata, then
 * schemas, tables, columns and foreign keys are read. Run as a single-file program:
 * {@code java -cp /usr/share/java/starlink-ttools.jar TopcatBrowse.java TAP_URL}. Prints one line per table.
 */
public class TopcatBrowse {
    public static void main(String[] args) throws Exception {
        TapService service = TapServices.createDefaultTapService(new URL(args[0]));
        TapMetaReader reader = TapMetaPolicy.getDefaultInstance().createMetaReader(service, ContentCoding.GZIP);
        System.out.println("reader " + reader.getMeans());
        for (SchemaMeta s : reader.readSchemas()) {
            TableMeta[] tables = s.getTables() != null ? s.getTables() : reader.readTables(s);
            for (TableMeta t : tables) {
                ColumnMeta[] cols = t.getColumns() != null ? t.getColumns() : reader.readColumns(t);
                ForeignMeta[] keys = t.getForeignKeys() != null ? t.getForeignKeys() : reader.readForeignKeys(t);
                int withUnit = 0;
                for (ColumnMeta c : cols) {
                    withUnit += c.getUnit() != null ? 1 : 0;
                }
                System.out.println("table " + t.getName() + " columns " + cols.length + " units " + withUnit
                        + " keys " + keys.length + " description " + (t.getDescription() != null));
            }
        }
    }
}
