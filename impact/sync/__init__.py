"""Sources that are pulled rather than uploaded: feeds and public APIs, on a schedule (python -m impact sync).

http.py asks servers (timeouts, size cap, retries, checked redirects); sources.py keeps what to pull and
how far it got, secrets.py the encrypted keys and tokens; run.py pulls and imports each source's
answer through the ordinary import, as one batch per table.
"""
