"""Rate limits shared by every web worker: in the database, or in Redis with REDIS_URL."""
