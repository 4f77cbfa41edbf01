"""The Varnish of the cluster: its command line, and the backends it is given.

The VCL itself is deploy/varnish/quotidien.vcl; it includes `quotidien-backends.vcl`,
written here for the app servers the cluster starts.
"""

import os
import shutil
from pathlib import Path

VCL = Path(__file__).resolve().parent / "varnish" / "quotidien.vcl"

# The shared-memory log keeps what an access log (varnishncsa) needs, but not each
# response header nor each step of the VCL: a cached page then costs a tenth less CPU.
VSL_MASK = "-RespHeader,-RespUnset,-ReqUnset,-VCL_call,-VCL_return,-Link,-Hit,-Storage,-Filters"

BACKENDS_VCL = """\
# Written by deploy/cluster.py for the app servers it starts.
probe health {{
    .url = "{probe}";
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}}
{backends}
sub vcl_init {{
    new app = directors.round_robin();
{adds}
}}

acl purgers {{
    "127.0.0.1";
    "::1";
}}
"""

BACKEND = """
backend app{number} {{
    .host = "127.0.0.1";
    .port = "{port}";
    .probe = health;
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
}}
"""


def backends(app_ports: tuple[int, ...], probe: str) -> str:
    """quotidien-backends.vcl for app servers on `app_ports`, probed on `probe`."""
    return BACKENDS_VCL.format(
        probe=probe,
        backends="".join(
            BACKEND.format(number=number, port=port) for number, port in enumerate(app_ports, 1)
        ),
        adds="\n".join(
            f"    app.add_backend(app{number});" for number in range(1, len(app_ports) + 1)
        ),
    )


def command(port: int, folder: Path) -> list[str]:
    """varnishd in the foreground on 127.0.0.1:`port`, its work and backends in `folder`."""
    return [
        shutil.which("varnishd", path=os.environ.get("PATH", "") + ":/usr/sbin"),
        "-F",
        "-a",
        f"127.0.0.1:{port}",
        "-T",
        "127.0.0.1:0",
        "-f",
        str(VCL),
        "-p",
        f"vcl_path={folder}:{VCL.parent}",
        "-n",
        str(folder / "work"),
        "-s",
        "malloc,256m",
        "-p",
        f"vsl_mask={VSL_MASK}",
    ]
