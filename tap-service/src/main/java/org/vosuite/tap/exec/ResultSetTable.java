package org.vosuite.tap.exec;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;
import org.vosuite.tap.metadata.TapColumn;
import org.vosuite.tap.plan.ResultColumn;
import uk.ac.starlink.table.AbstractStarTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;

/**
 * A JDBC cursor as a STIL table that can be read once, row by row, so results stream in constant memory. Stops
 * after {@code maxRows} rows and records whether more were there (the query asked for one extra row).
 */
final class ResultSetTable extends AbstractStarTable {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private final ResultSet rs;
    private final ColumnInfo[] infos;
    private final SqlTypeName[] types;
    private final boolean[] geometry;
    private final long maxRows;
    private boolean overflow;
    private long rows;
    private boolean consumed;

    ResultSetTable(ResultSet rs, List<ResultColumn> columns, long maxRows) {
        this.rs = rs;
        this.maxRows = maxRows;
        this.infos = new ColumnInfo[columns.size()];
        this.types = new SqlTypeName[columns.size()];
        this.geometry = new boolean[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn c = columns.get(i);
            types[i] = c.type().getSqlTypeName();
            geometry[i] = c.geometry() != null;
            infos[i] = info(c, types[i]);
        }
    }

    private static ColumnInfo info(ResultColumn c, SqlTypeName type) {
        if (c.geometry() != null) {
            // DALI 1.1: point, circle and polygon values are double arrays in degrees.
            ColumnInfo info = new ColumnInfo(c.name(), double[].class, null);
            info.setShape(new int[] {c.geometry().equals("point") ? 2 : c.geometry().equals("circle") ? 3 : -1});
            info.setXtype(c.geometry());
            info.setUnitString("deg");
            return info;
        }
        Class<?> cls = switch (type) {
            case BOOLEAN -> Boolean.class;
            case TINYINT, SMALLINT -> Short.class;
            case INTEGER -> Integer.class;
            case BIGINT -> Long.class;
            case REAL, FLOAT -> Float.class;
            case DOUBLE, DECIMAL -> Double.class;
            default -> String.class;
        };
        ColumnInfo info = new ColumnInfo(c.name(), cls, null);
        TapColumn o = c.origin();
        if (o != null && "unsignedByte".equals(o.datatype()) && cls == Short.class) {
            // Declared unsignedByte in TAP_SCHEMA: STIL writes a Short column flagged so as unsignedByte.
            info.setAuxDatum(new uk.ac.starlink.table.DescribedValue(uk.ac.starlink.table.Tables.UBYTE_FLAG_INFO,
                    Boolean.TRUE));
        }
        if (o != null) {
            info.setUnitString(o.unit());
            info.setUCD(o.ucd());
            info.setUtype(o.utype());
            info.setDescription(o.description());
            info.setXtype(o.xtype());
        } else if (type == SqlTypeName.TIMESTAMP) {
            info.setXtype("timestamp");
        }
        return info;
    }

    /** Gives a column the XML ID that service descriptors in the same document {@code ref}. */
    void setFieldId(int column, String id) {
        infos[column].setAuxDatum(new uk.ac.starlink.table.DescribedValue(uk.ac.starlink.votable.VOStarTable.ID_INFO,
                id));
    }

    boolean overflow() {
        return overflow;
    }

    long rows() {
        return rows;
    }

    @Override
    public int getColumnCount() {
        return infos.length;
    }

    @Override
    public ColumnInfo getColumnInfo(int icol) {
        return infos[icol];
    }

    @Override
    public long getRowCount() {
        return -1;
    }

    @Override
    public RowSequence getRowSequence() throws IOException {
        if (consumed) {
            throw new IOException("a query result can be read only once");
        }
        consumed = true;
        return new RowSequence() {
            private final Object[] row = new Object[infos.length];

            @Override
            public boolean next() throws IOException {
                try {
                    if (!rs.next()) {
                        return false;
                    }
                    if (maxRows >= 0 && rows >= maxRows) {
                        overflow = true;
                        return false;
                    }
                    for (int i = 0; i < row.length; i++) {
                        row[i] = value(i);
                    }
                    rows++;
                    return true;
                } catch (SQLException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public Object getCell(int icol) {
                return row[icol];
            }

            @Override
            public Object[] getRow() {
                return row;
            }

            @Override
            public void close() {
                // the runner closes the cursor with its statement
            }
        };
    }

    private Object value(int i) throws SQLException {
        int c = i + 1;
        if (geometry[i]) {
            String text = rs.getString(c);
            return text == null ? null : numbers(text);
        }
        Object v = switch (types[i]) {
            case BOOLEAN -> rs.getBoolean(c);
            case TINYINT, SMALLINT -> rs.getShort(c);
            case INTEGER -> rs.getInt(c);
            case BIGINT -> rs.getLong(c);
            case REAL, FLOAT -> rs.getFloat(c);
            case DOUBLE, DECIMAL -> rs.getDouble(c);
            case TIMESTAMP -> {
                Timestamp t = rs.getTimestamp(c);
                yield t == null ? null : ISO.format(t.toLocalDateTime());
            }
            default -> rs.getString(c);
        };
        return rs.wasNull() ? null : v;
    }

    /** The numbers of a DALI geometry value written as text ("10.5 -3.25 0.1"). */
    private static double[] numbers(String text) {
        String[] parts = text.trim().split("\\s+");
        double[] out = new double[parts.length];
        for (int k = 0; k < parts.length; k++) {
            out[k] = Double.parseDouble(parts[k]);
        }
        return out;
    }
}
