-- +goose Up
-- Grids (网格): basic grids tile the county without gaps or overlaps, special-purpose grids (专属网格)
-- cover schools, markets, parks and the like on top of them. Geometry is GeoJSON in WGS-84 with its
-- bounding box beside it; the lookup index is built in memory from these rows.
CREATE TABLE grids (
    id            TEXT PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    purpose       TEXT NOT NULL,
    region_code   TEXT NOT NULL,
    township_code TEXT NOT NULL,
    village_code  TEXT NOT NULL,
    team_org_id   TEXT NOT NULL,
    geometry      TEXT NOT NULL,
    min_lng       DOUBLE PRECISION NOT NULL,
    min_lat       DOUBLE PRECISION NOT NULL,
    max_lng       DOUBLE PRECISION NOT NULL,
    max_lat       DOUBLE PRECISION NOT NULL,
    area_m2       DOUBLE PRECISION NOT NULL,
    source_crs    TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    import_id     TEXT NOT NULL
);
CREATE INDEX grids_region ON grids (region_code, kind, code);

CREATE TABLE grid_workers (
    grid_id    TEXT NOT NULL REFERENCES grids(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    PRIMARY KEY (grid_id, account_id)
);
CREATE INDEX grid_workers_account ON grid_workers (account_id);

-- The category tree of a jurisdiction (GB/T 30428 部件/事件 with their limits and catalogue items);
-- a county without rows uses the national tree carried by the platform.
CREATE TABLE event_categories (
    region_code      TEXT NOT NULL,
    code             TEXT NOT NULL,
    parent_code      TEXT NOT NULL,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL,
    item_codes       TEXT NOT NULL,
    owner_org_id     TEXT NOT NULL,
    register_minutes INTEGER NOT NULL,
    handle_amount    INTEGER NOT NULL,
    handle_unit      TEXT NOT NULL,
    sort             INTEGER NOT NULL,
    PRIMARY KEY (region_code, code)
);

-- Events (事件) from every channel, each with its place, category, route and clock.
CREATE TABLE events (
    id                 TEXT PRIMARY KEY,
    no                 TEXT NOT NULL UNIQUE,
    region_code        TEXT NOT NULL,
    township_code      TEXT NOT NULL,
    village_code       TEXT NOT NULL,
    grid_code          TEXT NOT NULL,
    channel            TEXT NOT NULL,
    external_no        TEXT NOT NULL,
    hotline_kind       TEXT NOT NULL,
    category_code      TEXT NOT NULL,
    category_name      TEXT NOT NULL,
    category_kind      TEXT NOT NULL,
    item_code          TEXT NOT NULL,
    description        TEXT NOT NULL,
    address            TEXT NOT NULL,
    lng                DOUBLE PRECISION NOT NULL,
    lat                DOUBLE PRECISION NOT NULL,
    urgent             BOOLEAN NOT NULL,
    reporter_name      TEXT NOT NULL,
    reporter_phone     TEXT NOT NULL,
    reporter_protected BOOLEAN NOT NULL,
    reporter_account   TEXT NOT NULL,
    state              TEXT NOT NULL,
    team_org_id        TEXT NOT NULL,
    route              TEXT NOT NULL,
    suggestion         TEXT NOT NULL,
    suggested_category TEXT NOT NULL,
    suggested_team     TEXT NOT NULL,
    reported_at        TEXT NOT NULL,
    register_due       TEXT NOT NULL,
    registered_at      TEXT NOT NULL,
    dispatched_at      TEXT NOT NULL,
    handle_due         TEXT NOT NULL,
    handle_limit       TEXT NOT NULL,
    return_due         TEXT NOT NULL,
    accepted_at        TEXT NOT NULL,
    accepted_by        TEXT NOT NULL,
    feedback_at        TEXT NOT NULL,
    result             TEXT NOT NULL,
    closed_at          TEXT NOT NULL,
    close_kind         TEXT NOT NULL,
    handled_on_time    BOOLEAN,
    reply_due          TEXT NOT NULL,
    replied_at         TEXT NOT NULL,
    reply              TEXT NOT NULL,
    callback_at        TEXT NOT NULL,
    satisfaction       TEXT NOT NULL,
    suspended_at       TEXT NOT NULL,
    remaining_minutes  INTEGER NOT NULL,
    extension_request  TEXT NOT NULL,
    extensions         INTEGER NOT NULL,
    reworks            INTEGER NOT NULL,
    returns            INTEGER NOT NULL,
    misrouted          BOOLEAN NOT NULL,
    escalation         INTEGER NOT NULL,
    reminded           INTEGER NOT NULL,
    duplicate_of       TEXT NOT NULL,
    case_lead_id       TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    version            INTEGER NOT NULL
);
CREATE INDEX events_queue ON events (region_code, state, handle_due);
CREATE INDEX events_team ON events (team_org_id, state);
CREATE INDEX events_reported ON events (region_code, reported_at);
CREATE INDEX events_category ON events (category_code, reported_at);
CREATE INDEX events_external ON events (channel, external_no);

-- The bodies an event is dispatched to: the lead body and, in a joint dispatch, the assisting ones.
CREATE TABLE event_teams (
    event_id TEXT NOT NULL REFERENCES events(id),
    org_id   TEXT NOT NULL,
    role     TEXT NOT NULL,
    PRIMARY KEY (event_id, org_id)
);
CREATE INDEX event_teams_org ON event_teams (org_id);

-- Every step of an event, appended: who, when, what, from which state to which, and why.
CREATE TABLE event_history (
    id         TEXT PRIMARY KEY,
    event_id   TEXT NOT NULL REFERENCES events(id),
    seq        INTEGER NOT NULL,
    action     TEXT NOT NULL,
    state_from TEXT NOT NULL,
    state_to   TEXT NOT NULL,
    actor_id   TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    org_id     TEXT NOT NULL,
    reason     TEXT NOT NULL,
    detail     TEXT NOT NULL,
    at         TEXT NOT NULL,
    UNIQUE (event_id, seq)
);

CREATE TABLE event_photos (
    id           TEXT PRIMARY KEY,
    event_id     TEXT NOT NULL REFERENCES events(id),
    stage        TEXT NOT NULL,
    sm3          TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    size         INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    name         TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX event_photos_event ON event_photos (event_id);

-- Open311 clients (api_key) allowed to post requests, and the tokens of requests not yet registered.
CREATE TABLE open311_keys (
    api_key     TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    region_code TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- +goose Down
DROP TABLE open311_keys;
DROP TABLE event_photos;
DROP TABLE event_history;
DROP TABLE event_teams;
DROP TABLE events;
DROP TABLE event_categories;
DROP TABLE grid_workers;
DROP TABLE grids;
