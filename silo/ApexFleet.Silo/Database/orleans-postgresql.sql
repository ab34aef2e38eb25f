-- =============================================================================
-- ApexFleet - PostgreSQL schema for the Orleans ADO.NET providers
-- =============================================================================
--
-- Serves (Orleans 10.4.2, ADO.NET invariant "Npgsql"):
--   * Microsoft.Orleans.Clustering.AdoNet   - membership table and gateway list
--   * Microsoft.Orleans.Persistence.AdoNet  - grain state storage
--
-- Those packages ship no SQL. At startup they run
--   SELECT QueryKey, QueryText FROM OrleansQuery
-- and refuse to start if a key they need is missing. This file creates the
-- tables, the helper functions and the OrleansQuery rows they read:
--
--   clustering: InsertMembershipVersionKey, MembershipReadAllKey,
--               MembershipReadRowKey, InsertMembershipKey, UpdateMembershipKey,
--               UpdateIAmAlivetimeKey, GatewaysQueryKey,
--               DeleteMembershipTableEntriesKey, CleanupDefunctSiloEntriesKey,
--               CleanupDefunctSiloEntryKey (only read by newer provider builds;
--               harmless extra row for 10.4.2)
--   storage:    ReadFromStorageKey, WriteToStorageKey, ClearStorageKey
--
-- Idempotent: safe to apply any number of times, e.g.
--   psql -v ON_ERROR_STOP=1 -d <database> -f orleans-postgresql.sql
-- Tables and indexes are created only when missing, functions are replaced,
-- and query texts are upserted (re-applying refreshes them). Nothing is
-- dropped and no data is touched. Changing a function's parameter list or
-- return type later needs an explicit DROP FUNCTION first.
--
-- Contract notes (see Database/README.md for details):
--   * The providers bind parameters by name (@Name); the Npgsql driver
--     rewrites them to positional parameters. A query must reference only
--     parameters the provider actually passes, so none of the texts below
--     mention @PayloadJson, @PayloadXml, @MetadataJson and the like.
--   * Result columns are read by name (Npgsql matches names case-insensitively;
--     they are quoted here anyway), except ClearStorageKey, which is read by
--     ordinal 0. Boolean-style results are integers (0 = false).
--   * Versions/ETags are integers. A storage write or clear that loses the
--     optimistic-concurrency check returns one row holding NULL; the provider
--     turns NULL into an empty ETag and throws InconsistentStateException.
--   * Times are timestamptz; Orleans passes UTC DateTime values.
-- =============================================================================

BEGIN;

SET LOCAL client_min_messages = warning;

-- -----------------------------------------------------------------------------
-- Query catalogue read by every ADO.NET provider at startup.
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);

-- -----------------------------------------------------------------------------
-- Clustering: one version row per cluster (DeploymentId = ClusterId). Every
-- successful membership insert/update bumps Version; it is the table ETag.
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL,
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     text         NOT NULL,
    HostName     text         NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NOT NULL DEFAULT 0,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    CONSTRAINT PK_OrleansMembershipTable
        PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_OrleansMembershipTable_Version
        FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
        ON DELETE CASCADE
);

-- Gateway lookups filter on cluster + status.
CREATE INDEX IF NOT EXISTS IX_OrleansMembershipTable_Status
    ON OrleansMembershipTable (DeploymentId, Status);

-- -----------------------------------------------------------------------------
-- Grain storage: one row per (service, state name, grain id).
-- GrainTypeString holds the state name the provider is given, GrainIdN0/N1
-- the numeric key parts, GrainIdExtensionString the key extension (or the
-- whole key for string-keyed grains; NULL when there is none).
-- PayloadBinary NULL marks a cleared state (kept so its version survives).
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        text         NOT NULL,
    GrainIdExtensionString text         NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL
);

-- Identity of a stored state. The strings go in as md5 digests so that long
-- keys cannot overflow the index entry size, and a missing extension is
-- mapped to '' so that two NULL extensions count as the same grain (md5 text
-- is never ''). The leading columns double as the lookup index.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId,
                       md5(GrainTypeString),
                       COALESCE(md5(GrainIdExtensionString), ''));

-- -----------------------------------------------------------------------------
-- Functions called by the query texts.
-- -----------------------------------------------------------------------------

-- Adds a silo row if the caller's table version is current; bumps the version.
-- Returns 1 on success, 0 if the version was stale or the row already exists
-- (in which case nothing is changed).
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id    text,
    p_address          text,
    p_port             integer,
    p_generation       integer,
    p_silo_name        text,
    p_host_name        text,
    p_status           integer,
    p_proxy_port       integer,
    p_start_time       timestamptz,
    p_iamalive_time    timestamptz,
    p_expected_version integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
BEGIN
    -- The inner block is a savepoint: leaving it through the handler undoes
    -- the version bump as well.
    BEGIN
        UPDATE OrleansMembershipVersionTable AS v
           SET Version = v.Version + 1,
               Timestamp = now()
         WHERE v.DeploymentId = p_deployment_id
           AND v.Version = p_expected_version;
        IF NOT FOUND THEN
            RETURN 0;
        END IF;

        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName,
             Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime)
        VALUES
            (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
             p_status, p_proxy_port, NULL, p_start_time, p_iamalive_time);

        RETURN 1;
    EXCEPTION
        WHEN unique_violation THEN
            RETURN 0;
    END;
END
$fn$;

-- Rewrites status, suspicions and liveness of an existing silo row if the
-- caller's table version is current; bumps the version. IAmAliveTime never
-- moves backwards (another silo's stale copy must not undo a heartbeat).
-- Returns 1 on success, 0 if the version was stale or the row is missing
-- (in which case nothing is changed).
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id    text,
    p_address          text,
    p_port             integer,
    p_generation       integer,
    p_status           integer,
    p_suspect_times    text,
    p_iamalive_time    timestamptz,
    p_expected_version integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable AS v
           SET Version = v.Version + 1,
               Timestamp = now()
         WHERE v.DeploymentId = p_deployment_id
           AND v.Version = p_expected_version;
        IF NOT FOUND THEN
            RETURN 0;
        END IF;

        UPDATE OrleansMembershipTable AS m
           SET Status       = p_status,
               SuspectTimes = p_suspect_times,
               IAmAliveTime = GREATEST(m.IAmAliveTime, p_iamalive_time)
         WHERE m.DeploymentId = p_deployment_id
           AND m.Address = p_address
           AND m.Port = p_port
           AND m.Generation = p_generation;
        IF NOT FOUND THEN
            -- Leave through the handler so the version bump is rolled back.
            RAISE EXCEPTION 'membership row not found' USING ERRCODE = 'no_data_found';
        END IF;

        RETURN 1;
    EXCEPTION
        WHEN no_data_found THEN
            RETURN 0;
    END;
END
$fn$;

-- Stores a grain state with an optimistic version check and returns the new
-- version, or NULL when the check fails.
--   p_expected_version NULL: the grain has no stored state. Inserts version 1,
--     or revives a cleared row (PayloadBinary NULL) as its version + 1. A live
--     row already there means another activation wrote first: NULL.
--   otherwise: updates the row only if its version still equals the expected
--     one (a cleared row included); anything else: NULL.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash    integer,
    p_grain_id_n0      bigint,
    p_grain_id_n1      bigint,
    p_grain_type_hash  integer,
    p_grain_type       text,
    p_grain_id_ext     text,
    p_service_id       text,
    p_expected_version integer,
    p_payload          bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO OrleansStorage AS s
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
             GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type,
             p_grain_id_ext, p_service_id, p_payload, now(), 1)
        ON CONFLICT (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId,
                     md5(GrainTypeString), COALESCE(md5(GrainIdExtensionString), ''))
        DO UPDATE
           SET PayloadBinary = EXCLUDED.PayloadBinary,
               ModifiedOn    = now(),
               Version       = s.Version + 1
         WHERE s.PayloadBinary IS NULL
           AND s.GrainTypeString = EXCLUDED.GrainTypeString
           AND s.GrainIdExtensionString IS NOT DISTINCT FROM EXCLUDED.GrainIdExtensionString
        RETURNING s.Version INTO v_new_version;
    ELSE
        UPDATE OrleansStorage AS s
           SET PayloadBinary = p_payload,
               ModifiedOn    = now(),
               Version       = s.Version + 1
         WHERE s.GrainIdHash = p_grain_id_hash
           AND s.GrainTypeHash = p_grain_type_hash
           AND s.GrainIdN0 = p_grain_id_n0
           AND s.GrainIdN1 = p_grain_id_n1
           AND s.ServiceId = p_service_id
           AND s.GrainTypeString = p_grain_type
           AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
           AND s.Version = p_expected_version
        RETURNING s.Version INTO v_new_version;
    END IF;

    RETURN v_new_version;
END
$fn$;

-- Clears a grain state (PayloadBinary := NULL, version + 1) if its version
-- still equals the expected one. Returns the new version, or NULL when the
-- check fails. The row is kept so the returned version stays valid as the
-- grain's next ETag.
CREATE OR REPLACE FUNCTION orleans_storage_clear(
    p_grain_id_hash    integer,
    p_grain_id_n0      bigint,
    p_grain_id_n1      bigint,
    p_grain_type_hash  integer,
    p_grain_type       text,
    p_grain_id_ext     text,
    p_service_id       text,
    p_expected_version integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new_version integer;
BEGIN
    UPDATE OrleansStorage AS s
       SET PayloadBinary = NULL,
           ModifiedOn    = now(),
           Version       = s.Version + 1
     WHERE s.GrainIdHash = p_grain_id_hash
       AND s.GrainTypeHash = p_grain_type_hash
       AND s.GrainIdN0 = p_grain_id_n0
       AND s.GrainIdN1 = p_grain_id_n1
       AND s.ServiceId = p_service_id
       AND s.GrainTypeString = p_grain_type
       AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
       AND s.Version = p_expected_version
    RETURNING s.Version INTO v_new_version;

    RETURN v_new_version;
END
$fn$;

-- -----------------------------------------------------------------------------
-- Query texts. Parameters are exactly the ones the 10.4.2 providers bind.
-- -----------------------------------------------------------------------------
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Clustering ------------------------------------------------------------------

-- @DeploymentId -> one row, one column: 1 if the version row was created.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId, Timestamp, Version)
    VALUES (@DeploymentId, now(), 0)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS "Created" FROM created
$q$),

-- @DeploymentId -> the version row left-joined with every silo row
-- (one row with NULL silo columns when the cluster has no silos).
('MembershipReadAllKey', $q$
SELECT v.DeploymentId   AS "DeploymentId",
       m.Address        AS "Address",
       m.Port           AS "Port",
       m.Generation     AS "Generation",
       m.SiloName       AS "SiloName",
       m.HostName       AS "HostName",
       m.Status         AS "Status",
       m.ProxyPort      AS "ProxyPort",
       m.SuspectTimes   AS "SuspectTimes",
       m.StartTime      AS "StartTime",
       m.IAmAliveTime   AS "IAmAliveTime",
       v.Version        AS "Version"
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
       ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId
$q$),

-- @DeploymentId, @Address, @Port, @Generation -> same shape as ReadAll,
-- restricted to one silo.
('MembershipReadRowKey', $q$
SELECT v.DeploymentId   AS "DeploymentId",
       m.Address        AS "Address",
       m.Port           AS "Port",
       m.Generation     AS "Generation",
       m.SiloName       AS "SiloName",
       m.HostName       AS "HostName",
       m.Status         AS "Status",
       m.ProxyPort      AS "ProxyPort",
       m.SuspectTimes   AS "SuspectTimes",
       m.StartTime      AS "StartTime",
       m.IAmAliveTime   AS "IAmAliveTime",
       v.Version        AS "Version"
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
       ON m.DeploymentId = v.DeploymentId
      AND m.Address = @Address
      AND m.Port = @Port
      AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId
$q$),

-- @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
-- @ProxyPort, @StartTime, @IAmAliveTime, @Version -> one row: 1/0.
('InsertMembershipKey', $q$
SELECT orleans_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS "Inserted"
$q$),

-- @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
-- @IAmAliveTime, @Version -> one row: 1/0.
('UpdateMembershipKey', $q$
SELECT orleans_membership_update(
    @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
    @IAmAliveTime, @Version) AS "Updated"
$q$),

-- @DeploymentId, @Address, @Port, @Generation, @IAmAliveTime -> no result.
-- Heartbeat: the owning silo's own write; the table version is not bumped.
('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
   SET IAmAliveTime = @IAmAliveTime
 WHERE DeploymentId = @DeploymentId
   AND Address = @Address
   AND Port = @Port
   AND Generation = @Generation
$q$),

-- @DeploymentId, @Status (Active = 3) -> Address, ProxyPort, Generation of
-- every active silo that exposes a gateway.
('GatewaysQueryKey', $q$
SELECT m.Address    AS "Address",
       m.ProxyPort  AS "ProxyPort",
       m.Generation AS "Generation"
FROM OrleansMembershipTable AS m
WHERE m.DeploymentId = @DeploymentId
  AND m.Status = @Status
  AND m.ProxyPort > 0
$q$),

-- @DeploymentId -> no result. Removes the cluster's silo rows and version row.
('DeleteMembershipTableEntriesKey', $q$
WITH silos AS (
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId
)
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
$q$),

-- @DeploymentId, @IAmAliveTime (cut-off) -> no result. Deletes Dead (6) silo
-- rows that neither started nor heartbeated since the cut-off.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId
   AND Status = 6
   AND IAmAliveTime < @IAmAliveTime
   AND StartTime < @IAmAliveTime
$q$),

-- @DeploymentId, @Address, @Port, @Generation, @StartTime, @IAmAliveTime,
-- @SuspectTimes -> no result. Newer provider builds delete dead rows one by
-- one, only if the row still holds the values they read.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId
   AND Address = @Address
   AND Port = @Port
   AND Generation = @Generation
   AND Status = 6
   AND StartTime = @StartTime
   AND IAmAliveTime = @IAmAliveTime
   AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '')
$q$),

-- Storage ---------------------------------------------------------------------

-- @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
-- @GrainIdExtensionString, @ServiceId -> zero or one row:
-- PayloadBinary, ModifiedOn, Version. Cleared states are not returned, so the
-- grain sees RecordExists = false and a NULL ETag.
('ReadFromStorageKey', $q$
SELECT s.PayloadBinary AS "PayloadBinary",
       s.ModifiedOn    AS "ModifiedOn",
       s.Version       AS "Version"
FROM OrleansStorage AS s
WHERE s.GrainIdHash = @GrainIdHash
  AND s.GrainTypeHash = @GrainTypeHash
  AND s.GrainIdN0 = @GrainIdN0
  AND s.GrainIdN1 = @GrainIdN1
  AND s.ServiceId = @ServiceId
  AND s.GrainTypeString = @GrainTypeString
  AND s.GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND s.PayloadBinary IS NOT NULL
$q$),

-- Read parameters + @GrainStateVersion (NULL for a first write) and
-- @PayloadBinary -> one row: NewGrainStateVersion (NULL = version conflict).
('WriteToStorageKey', $q$
SELECT orleans_storage_write(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
    AS "NewGrainStateVersion"
$q$),

-- Read parameters + @GrainStateVersion -> one row; column 0 is the new
-- version (NULL = version conflict).
('ClearStorageKey', $q$
SELECT orleans_storage_clear(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion)
    AS "NewGrainStateVersion"
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

COMMIT;
