"""Django's Redis cache, with one client per connection pool.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every
cache call; redis-py builds its response-callback table in each, which cost
about a quarter of a support request's Python calls on the benchmark (a
page or a support makes several cache calls: the page and structure tokens,
sessions' rate limits, fragments). A `redis.Redis` is safe to share between
threads, its pool hands each command a connection, and the pool itself
reconnects after a fork, so one client per pool is kept and reused.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class ReusedClientRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache` with the client kept."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
