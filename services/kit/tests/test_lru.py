from __future__ import annotations

import threading

from services.kit.lru import LruCache


def test_keeps_the_most_recently_used_entries_up_to_capacity():
    cache: LruCache[str, int] = LruCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now more recent than "b"
    cache.put("c", 3)
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c"), len(cache)) == (1, 3, 2)


def test_putting_an_existing_key_replaces_its_value():
    cache: LruCache[str, int] = LruCache(2)
    cache.put("a", 1)
    cache.put("a", 2)
    assert (cache.get("a"), len(cache)) == (2, 1)


def test_zero_capacity_keeps_nothing():
    cache: LruCache[str, int] = LruCache(0)
    cache.put("a", 1)
    assert (cache.get("a"), len(cache)) == (None, 0)


def test_concurrent_use_never_exceeds_capacity():
    cache: LruCache[int, int] = LruCache(50)

    def work(offset: int) -> None:
        for i in range(2000):
            cache.put(offset + i % 120, i)
            cache.get(offset + (i * 7) % 120)

    threads = [threading.Thread(target=work, args=(n * 1000,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache) == 50
