/**
 * The SQL functions the query engine and the schema use, written for PostgreSQL: what
 * `registerSqlFunctions` registers in JavaScript on SQLite (`sql-functions.ts`, `dicom-time.ts`),
 * the same rules in PL/pgSQL, so that C-FIND, QIDO and `ls` answer the same on both
 * engines (the parity test imports the same files into both and compares). Made with
 * CREATE OR REPLACE whenever the schema is brought up to date.
 *
 * - `atrium_tm(x)`: TM → microseconds since midnight (first instant of a partial time).
 * - `atrium_dt(x)`: DT → microseconds since 1970 UTC (first instant; a UTC offset applied).
 * - `atrium_fold(x)`: Unicode lower-casing (ICU, like JavaScript's toLowerCase) for PN matching.
 * - `atrium_values_match(stored, pattern, fold)`: 1 when any backslash-separated value
 *   matches the DICOM wildcard `pattern` (PS3.4 §C.2.2.3).
 * - `atrium_json_valid(x)`, `atrium_json_type(x)`: SQLite's json_valid / json_type, for CHECKs.
 */
export const POSTGRES_FUNCTIONS = String.raw`
CREATE OR REPLACE FUNCTION atrium_tm(x text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  m text[] := regexp_match(btrim(x, E' \t\r\n'), '^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:\.(\d{1,6}))?)?)?$');
  hh int; mm int; ss int;
BEGIN
  IF m IS NULL THEN RETURN NULL; END IF;
  hh := m[1]::int; mm := coalesce(m[2]::int, 0); ss := coalesce(m[3]::int, 0);
  IF hh > 23 OR mm > 59 OR ss > 60 THEN RETURN NULL; END IF;
  RETURN ((hh * 60 + mm) * 60 + ss)::bigint * 1000000 + coalesce(rpad(m[4], 6, '0')::bigint, 0);
END $$;

CREATE OR REPLACE FUNCTION atrium_dt(x text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  m text[] := regexp_match(btrim(x, E' \t\r\n'),
    '^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,6}))?)?)?)?)?)?([+-]\d{4})?$');
  y int; mo int; d int; hh int; mi int; ss int; days int; off int := 0;
BEGIN
  IF m IS NULL THEN RETURN NULL; END IF;
  y := m[1]::int; mo := coalesce(m[2]::int, 1);
  IF y < 1 OR mo < 1 OR mo > 12 THEN RETURN NULL; END IF;
  days := extract(day FROM make_date(y, mo, 1) + interval '1 month - 1 day')::int;
  d := coalesce(m[3]::int, 1); hh := coalesce(m[4]::int, 0); mi := coalesce(m[5]::int, 0); ss := coalesce(m[6]::int, 0);
  IF d < 1 OR d > days OR hh > 23 OR mi > 59 OR ss > 60 THEN RETURN NULL; END IF;
  IF m[8] IS NOT NULL THEN
    off := (CASE WHEN left(m[8], 1) = '-' THEN -1 ELSE 1 END) * (substr(m[8], 2, 2)::int * 60 + substr(m[8], 4, 2)::int);
  END IF;
  RETURN ((extract(epoch FROM make_timestamp(y, mo, d, hh, mi, 0))::bigint + ss - off * 60) * 1000000)
    + coalesce(rpad(m[7], 6, '0')::bigint, 0);
END $$;

CREATE OR REPLACE FUNCTION atrium_fold(x text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT lower(x COLLATE "und-x-icu")
$$;

CREATE OR REPLACE FUNCTION atrium_like(pattern text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT replace(replace(replace(replace(replace(pattern, '\', '\\'), '%', '\%'), '_', '\_'), '*', '%'), '?', '_')
$$;

CREATE OR REPLACE FUNCTION atrium_values_match(stored text, pattern text, fold int) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN EXISTS (
    SELECT 1 FROM unnest(string_to_array(stored, '\')) AS v
    WHERE (CASE WHEN fold = 1 THEN atrium_fold(v) ELSE v END) LIKE atrium_like(pattern) ESCAPE '\'
  ) THEN 1 ELSE 0 END
$$;

CREATE OR REPLACE FUNCTION atrium_json_valid(x text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  PERFORM x::json;
  RETURN true;
EXCEPTION WHEN others THEN
  RETURN false;
END $$;

CREATE OR REPLACE FUNCTION atrium_json_type(x text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT json_typeof(x::json)
$$;
`;
