"""Drives the jailcell kernel through jupyter_client (Debian's python3-jupyter-client) and prints one JSON object.

    python3 drive_kernel.py KERNEL_NAME [FIRST_CELL]

Measures kernel start to the first execute_reply, checks that an interrupt stops `while (true) {}`, and that the
magics answer (%help). KernelIT runs it with JUPYTER_PATH pointing at a kernelspec it installed.
"""
import json
import sys
import time

from jupyter_client.manager import KernelManager


def execute(kc, code, timeout=60):
    """Runs code; returns (reply content, [iopub outputs])."""
    msg_id = kc.execute(code)
    outputs = []
    deadline = time.time() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t = msg["msg_type"]
        if t in ("stream", "execute_result", "display_data", "error"):
            outputs.append({"type": t, "content": msg["content"]})
        if t == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = kc.get_shell_msg(timeout=timeout)
    return reply["content"], outputs


def main():
    result = {}
    t0 = time.monotonic()
    km = KernelManager(kernel_name=sys.argv[1])
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        first = sys.argv[2] if len(sys.argv) > 2 else "1 + 1"
        reply, outputs = execute(kc, first, timeout=120)
        result["first_reply_seconds"] = time.monotonic() - t0
        result["first_reply"] = outputs[0]["content"].get("data", {}).get("text/plain") if outputs else None

        reply, outputs = execute(kc, "%help")
        result["help"] = [o["content"].get("data", {}).get("text/plain", "") if o["type"] != "error"
                          else "error " + o["content"]["evalue"] for o in outputs]

        msg_id = kc.execute("while (true) {}")
        time.sleep(0.5)
        t1 = time.monotonic()
        km.interrupt_kernel()
        while True:
            reply = kc.get_shell_msg(timeout=30)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        result["interrupt_seconds"] = time.monotonic() - t1
        result["interrupt_status"] = reply["content"]["status"]
        result["interrupt_evalue"] = reply["content"].get("evalue")

        reply, outputs = execute(kc, "40 + 2")
        result["after_interrupt"] = outputs[0]["content"]["data"]["text/plain"] if outputs else None
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
