-- A ClickHouse table for `cxlog scan --format ndjson`, loaded unchanged with
--   clickhouse-client --input_format_import_nested_json=1 --input_format_skip_unknown_fields=1 \
--     --date_time_input_format=best_effort -q 'INSERT INTO cxlog_logs FORMAT JSONEachRow' < scan.ndjson
-- input_format_import_nested_json maps each key K of the Attributes object to the column
-- `Attributes.K`. ClickHouse 18.16 (Debian 12) treats Attributes as a nested object only when
-- a column is named Attributes.<a name without a dot>: `Attributes.other` is that column.
-- input_format_skip_unknown_fields drops attributes the table has no column for (--attr keys);
-- best_effort reads the RFC 3339 Timestamp. cmd/cxlog's TestScanLoadsIntoClickHouse runs this.
CREATE TABLE IF NOT EXISTS cxlog_logs
(
    Timestamp DateTime,
    SeverityText String,
    SeverityNumber UInt8,
    Body String,
    `Attributes.cxlog.class` String,
    `Attributes.cxlog.entry` String,
    `Attributes.cxlog.confidence` Float64,
    `Attributes.cxlog.fingerprint` String,
    `Attributes.cxlog.target` String,
    `Attributes.cxlog.crate` String,
    `Attributes.log.file.path` String,
    `Attributes.cicd.pipeline.name` String,
    `Attributes.cicd.pipeline.run.id` String,
    `Attributes.cicd.pipeline.run.url.full` String,
    `Attributes.cicd.pipeline.task.name` String,
    `Attributes.cicd.pipeline.task.run.id` String,
    `Attributes.cicd.pipeline.task.run.url.full` String,
    `Attributes.other` String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(Timestamp)
ORDER BY (`Attributes.cxlog.class`, `Attributes.cxlog.fingerprint`, Timestamp)
