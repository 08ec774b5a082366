-- The key that signs the links to the customers' status page (io.redress.tracking.TrackingTokens) when
-- redress.tracking.secret is not set: generated once, shared by every node of the cluster.
CREATE TABLE tracking_secret (
  id         INTEGER      NOT NULL PRIMARY KEY,
  secret     VARCHAR(100) NOT NULL,
  created_at TIMESTAMP    NOT NULL
);
