"""Execute a notebook headlessly with nbclient and print its outputs; exit 1 when any cell raised.

usage: python3 run-notebook.py NOTEBOOK --cwd DIR [--timeout SECONDS] [--output EXECUTED.ipynb]

The kernel is the one named in the notebook's metadata (tslab for the TypeScript notebooks); the environment
of this process (KF_PIPELINES_ENDPOINT, NODE_OPTIONS, JUPYTER_PATH, ...) is passed on to the kernel.
"""

import argparse
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def print_outputs(notebook) -> None:
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "stream":
                sys.stdout.write(output.get("text", ""))
            elif kind == "error":
                sys.stdout.write(f"[cell {index}] {output.get('ename')}: {output.get('evalue')}\n")
            elif kind in ("execute_result", "display_data"):
                sys.stdout.write(str(output.get("data", {}).get("text/plain", "")) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("--cwd", required=True)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--output")
    args = parser.parse_args()
    notebook = nbformat.read(args.notebook, as_version=4)
    kernel = notebook.metadata.get("kernelspec", {}).get("name", "tslab")
    client = NotebookClient(
        notebook, timeout=args.timeout, kernel_name=kernel, resources={"metadata": {"path": args.cwd}}
    )
    failed = False
    try:
        client.execute()
    except CellExecutionError as error:
        failed = True
        sys.stderr.write(f"{args.notebook}: a cell raised: {str(error).splitlines()[-1] if str(error) else error}\n")
    print_outputs(notebook)
    if args.output:
        nbformat.write(notebook, args.output)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
