"""Runs cells on a kernel through jupyter_client (Debian's python3-jupyter-client) and prints one JSON list.

    python3 run_cells.py KERNEL_NAME CELLS_JSON_FILE

cells.json is a list of {"code": "...", "interrupt_after": SECONDS (optional)}. For each cell the result has
"status" and "evalue" of the execute_reply, "seconds" it took (from the interrupt, when there was one), and every
iopub output in order: {"type", "display_id", "text", "html", "ename", "evalue", "traceback"}, update_display_data included,
so that a test sees how a live display changed in place.
"""
import json
import sys
import time

from jupyter_client.manager import KernelManager


def run(km, kc, cell):
    msg_id = kc.execute(cell["code"])
    t0 = time.monotonic()
    if "interrupt_after" in cell:
        time.sleep(cell["interrupt_after"])
        t0 = time.monotonic()
        km.interrupt_kernel()
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=180)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t = msg["msg_type"]
        c = msg["content"]
        if t in ("stream", "execute_result", "display_data", "update_display_data", "error"):
            data = c.get("data", {})
            outputs.append({"type": t, "display_id": c.get("transient", {}).get("display_id"),
                            "text": c.get("text", data.get("text/plain")), "html": data.get("text/html"),
                            "ename": c.get("ename"), "evalue": c.get("evalue"), "traceback": c.get("traceback")})
        if t == "status" and c["execution_state"] == "idle":
            break
    while True:
        reply = kc.get_shell_msg(timeout=180)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    return {"status": reply["content"]["status"], "evalue": reply["content"].get("evalue"),
            "seconds": time.monotonic() - t0, "outputs": outputs}


def main():
    with open(sys.argv[2]) as f:
        cells = json.load(f)
    km = KernelManager(kernel_name=sys.argv[1])
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        results = [run(km, kc, cell) for cell in cells]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
