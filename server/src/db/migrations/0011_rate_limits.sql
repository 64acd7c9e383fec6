-- Rate limits, counted in the store so that every instance behind a load balancer shares them
-- (src/rate_limit.rs): uses per limit, key digest and aligned window.
CREATE TABLE rate_limits (
    name         TEXT NOT NULL,
    key          TEXT NOT NULL,
    window_start INTEGER NOT NULL,
    used         INTEGER NOT NULL,
    PRIMARY KEY (name, key, window_start)
);
CREATE INDEX rate_limits_by_window ON rate_limits (name, window_start);
