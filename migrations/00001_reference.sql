-- Reference tables: currencies, municipalities, emission factors, exchange rates and
-- election periods. Everything else hangs off these.

-- +goose Up
CREATE TABLE currency (
    code        char(3)  PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
    minor_units smallint NOT NULL CHECK (minor_units BETWEEN 0 AND 4),
    name        text     NOT NULL
);

-- ISO 4217 codes the portal may meet: the five seed currencies and those of the
-- countries their partner cities are in.
INSERT INTO currency (code, minor_units, name) VALUES
    ('ARS', 2, 'Argentine peso'), ('BAM', 2, 'Convertible mark'), ('BWP', 2, 'Botswana pula'),
    ('CHF', 2, 'Swiss franc'), ('CNY', 2, 'Renminbi'), ('CZK', 2, 'Czech koruna'),
    ('DKK', 2, 'Danish krone'), ('EUR', 2, 'Euro'), ('GBP', 2, 'Pound sterling'),
    ('HUF', 2, 'Hungarian forint'), ('IDR', 2, 'Indonesian rupiah'), ('ISK', 0, 'Icelandic króna'),
    ('JPY', 0, 'Japanese yen'), ('MXN', 2, 'Mexican peso'), ('NAD', 2, 'Namibian dollar'),
    ('NOK', 2, 'Norwegian krone'), ('PLN', 2, 'Polish złoty'), ('RUB', 2, 'Russian ruble'),
    ('SEK', 2, 'Swedish krona'), ('TRY', 2, 'Turkish lira'), ('UAH', 2, 'Ukrainian hryvnia'),
    ('USD', 2, 'US dollar'), ('UZS', 2, 'Uzbekistan sum'), ('ZAR', 2, 'South African rand');

CREATE TABLE municipality (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug                 text     NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
    -- code prefixes the public trip references, e.g. BAL-2026-0007.
    code                 text     NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{3}$'),
    name                 text     NOT NULL CHECK (name <> ''),
    name_en              text     NOT NULL CHECK (name_en <> ''),
    country              char(2)  NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    currency             char(3)  NOT NULL REFERENCES currency,
    -- BCP 47 language tags of the municipality's own content, first is primary.
    languages            text[]   NOT NULL CHECK (cardinality(languages) > 0),
    population           integer  CHECK (population > 0),
    population_year      smallint CHECK (population_year BETWEEN 1800 AND 2200),
    latitude             numeric(9,6) CHECK (latitude BETWEEN -90 AND 90),
    longitude            numeric(9,6) CHECK (longitude BETWEEN -180 AND 180),
    website              text,
    source               text,
    -- Days after return within which a trip report is due.
    report_deadline_days integer  NOT NULL DEFAULT 30 CHECK (report_deadline_days > 0),
    created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE emission_factor (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mode                   text NOT NULL UNIQUE CHECK (mode ~ '^[a-z][a-z0-9_]*$'),
    label                  text NOT NULL,
    kg_co2e_per_unit       numeric(10,6) NOT NULL CHECK (kg_co2e_per_unit >= 0),
    -- passenger_km, or vehicle_km for cars (divide by occupants).
    unit                   text NOT NULL CHECK (unit IN ('passenger_km', 'vehicle_km')),
    includes_rf            boolean,
    year                   smallint NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    source                 text NOT NULL
);

CREATE TABLE exchange_rate (
    year         smallint NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    currency     char(3)  NOT NULL REFERENCES currency,
    eur_per_unit numeric(14,8) NOT NULL CHECK (eur_per_unit > 0),
    source       text NOT NULL,
    PRIMARY KEY (year, currency)
);

-- Election periods of municipal councils, per country and optionally state/region:
-- budget carry-over never crosses the end of one.
CREATE TABLE election_period (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    country   char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    region    text    NOT NULL DEFAULT '',
    body      text    NOT NULL,
    starts_on date    NOT NULL,
    ends_on   date    NOT NULL,
    source    text,
    CHECK (ends_on > starts_on),
    UNIQUE (country, region, body, starts_on)
);

-- +goose Down
DROP TABLE election_period;
DROP TABLE exchange_rate;
DROP TABLE emission_factor;
DROP TABLE municipality;
DROP TABLE currency;
