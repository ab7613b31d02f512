package org.vosuite.felis.model;

/**
 * A table column with every Felis attribute. {@code votableArraysize} and {@code votableXtype} hold the values felis
 * derives when the file leaves them out (see {@code FelisReader}); {@code explicitArraysize}/{@code explicitXtype}
 * remember whether the file set them, so that {@code dump} writes back what the author wrote.
 *
 * @param value        the server default: a String, Long, Double or Boolean as written in YAML
 * @param tapPrincipal 0 or 1
 * @param tapStd       0 or 1
 * @param importedFrom the resource the column was imported from through {@code columnRefs}, or null if local
 */
public record Column(
        String name,
        String id,
        String description,
        String votableUtype,
        Datatype datatype,
        Integer length,
        Integer precision,
        boolean nullable,
        Object value,
        Boolean autoincrement,
        String ivoaUcd,
        String ivoaUnit,
        String fitsTunit,
        int tapPrincipal,
        int tapStd,
        Integer tapColumnIndex,
        String votableArraysize,
        boolean explicitArraysize,
        String votableXtype,
        boolean explicitXtype,
        String votableDatatype,
        String mysqlDatatype,
        String postgresqlDatatype,
        ColumnImport importedFrom,
        Location location) implements Named {

    /** The unit whichever key carried it: TAP_SCHEMA has a single unit column. */
    public String unit() {
        return ivoaUnit != null ? ivoaUnit : fitsTunit;
    }

    @Override
    public String kind() {
        return "column";
    }
}
