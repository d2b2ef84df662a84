# Schemathesis hooks for Kelisim (issue 10): a request answered with an error must not change state.
# The test process runs a state probe (src/state-probe.ts) over the service's database; this module
# asks it for a fingerprint just before each call and compares just after. Loaded through
# SCHEMATHESIS_HOOKS=kelisim_checks with this folder on PYTHONPATH; the probe's address comes in
# KELISIM_STATE_PROBE. It also rotates bearer tokens (KELISIM_TOKENS, comma separated), so that the
# per-token rate limit measures the services, not the fuzzer's pace.
import itertools
import json
import os
import threading
import urllib.request

import schemathesis

PROBE = os.environ.get("KELISIM_STATE_PROBE")
TOKENS = [token for token in os.environ.get("KELISIM_TOKENS", "").split(",") if token]
# Reads are probed too only when asked (the deep run): a fingerprint costs two database round trips.
PROBE_READS = os.environ.get("KELISIM_PROBE_READS") == "1"
CALLS_PER_TOKEN = int(os.environ.get("KELISIM_CALLS_PER_TOKEN", "1000"))

_lock = threading.Lock()
_calls = itertools.count()
# Whether the call just before was fingerprinted after its answer: then that is the state before
# this one, and the probe reuses it (calls run one at a time, workers=1).
_previous_probed = False


def _probe(path, payload=None):
    data = json.dumps(payload or {}).encode()
    request = urllib.request.Request(
        f"{PROBE}{path}", data=data, headers={"content-type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


@schemathesis.hook
def before_call(context, case, kwargs):
    if TOKENS:
        with _lock:
            index = next(_calls) // CALLS_PER_TOKEN
        # The case's own headers win over the --header given on the command line.
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKENS[index % len(TOKENS)]}"}
    global _previous_probed
    if PROBE and (PROBE_READS or case.method.upper() != "GET"):
        _probe("/before", {"reuse": _previous_probed})
    _previous_probed = False


@schemathesis.check
def no_state_change_on_error(ctx, response, case):
    """An answer of 400 or above leaves every collection of the service's database as it was."""
    if not PROBE or not (PROBE_READS or case.method.upper() != "GET"):
        return None
    global _previous_probed
    verdict = _probe("/after", {"status": response.status_code, "operation": case.operation.label})
    _previous_probed = True
    if response.status_code >= 400 and verdict.get("changed"):
        raise AssertionError(
            f"answered {response.status_code} but changed {', '.join(verdict['changed'])}"
        )
    return None
