-- The gazetteer: the world's cities and towns with at least 1,000 inhabitants, from
-- GeoNames (CC BY 4.0), so that a trip's destination is found by its name and comes
-- with its country and coordinates.
--
-- The rows are loaded by the next migration (00066, written in Go: a COPY of the
-- file internal/geo embeds), and indexed by the one after it (00067), which is
-- faster than keeping the index up to date row by row.
--
-- place_name holds every name of a place (its main name too) with the form in which
-- names are compared, key: lower case, without accents (geo.FoldName), so that
-- "munchen" finds München. The tables are kept narrow (integer ids and populations:
-- GeoNames' ids and the largest city fit) because every test database is a copy of
-- a migrated one, and the gazetteer makes up most of its size.

-- +goose Up
CREATE TABLE place (
    id          integer PRIMARY KEY,            -- the GeoNames id
    name        text NOT NULL,
    country     char(2) NOT NULL,
    region      text NOT NULL DEFAULT '',
    latitude    numeric(8, 5) NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude   numeric(8, 5) NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    population  integer NOT NULL CHECK (population >= 0)
);

CREATE TABLE place_name (
    place_id    integer NOT NULL,
    population  integer NOT NULL,               -- the place's, to rank without reading it
    main        boolean NOT NULL,               -- the place's main name
    key         text NOT NULL,
    name        text NOT NULL
);

-- +goose Down
DROP TABLE place_name;
DROP TABLE place;
