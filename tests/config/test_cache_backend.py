"""The Redis cache backend (config.cache): Django's, with one client kept per
connection pool instead of one built per call; against the real Redis on
127.0.0.1."""

import uuid

from config.cache import ReusedClientRedisCache

REDIS = "redis://127.0.0.1:6379/14"


def test_the_cache_works_and_keeps_one_client():
    cache = ReusedClientRedisCache(REDIS, {"KEY_PREFIX": uuid.uuid4().hex})
    try:
        assert cache.get("token") is None
        cache.set("token", {"generation": "a"}, 30)
        assert cache.get("token") == {"generation": "a"}
        assert cache.add("token", "b", 30) is False
        cache.set("count", 1, 30)
        assert cache.incr("count") == 2
        assert cache.get_many(["token", "count"]) == {"token": {"generation": "a"}, "count": 2}
        cache.delete("token")
        assert cache.get("token") is None

        client = cache._cache.get_client()
        assert cache._cache.get_client(write=True) is client
        assert cache._cache.get_client("another key") is client
    finally:
        cache.delete_many(["token", "count"])
        cache.close()
