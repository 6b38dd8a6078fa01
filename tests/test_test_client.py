"""The test client serves a request as a server does (see ``conftest.IsolatedClient``).

The suite once ran every request inside the test's long-lived app context: the request
reused it, so its database session lived on while a streamed body was read, and CSV
downloads that answered 500 under gunicorn passed here.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import Flask, Response, g, stream_with_context

from survey_app.extensions import db


def test_a_request_has_its_own_context_torn_down_before_its_body_is_read(app: Flask, client):
    events: list[str] = []
    app.teardown_appcontext(lambda _exc: events.append("teardown"))
    g.marker = "the test's"
    test_session = db.session()

    @app.get("/_probe")
    def probe() -> Response:
        events.append("view: " + g.get("marker", "own g"))
        view_session = db.session()

        def body() -> Iterator[str]:
            events.append("body: " + ("new session" if db.session() is not view_session else ""))
            yield "done"

        assert view_session is not test_session
        return Response(stream_with_context(body()))

    response = client.get("/_probe")
    assert events == ["view: own g", "teardown", "body: new session", "teardown"]
    assert response.is_streamed and response.get_data() == b"done"
    assert g.marker == "the test's" and db.session() is test_session
