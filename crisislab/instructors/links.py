"""An nbgitpuller link that pulls the course into a JupyterHub user's home."""

from __future__ import annotations

from urllib.parse import quote

COURSE_REPO = "https://github.com/thirteen-days/course"


def nbgitpuller_link(
    hub_url: str,
    repo: str = COURSE_REPO,
    branch: str = "main",
    notebook: str = "lessons/00_start_here.ipynb",
) -> str:
    """An nbgitpuller link that pulls the course into a hub user's home and opens a notebook."""
    hub = hub_url.rstrip("/")
    if not hub.startswith(("https://", "http://")):
        raise ValueError("Give the hub's address, starting with https:// (or http://).")
    folder = repo.rstrip("/").split("/")[-1].removesuffix(".git")
    urlpath = f"lab/tree/{folder}/{notebook}"
    return (
        f"{hub}/hub/user-redirect/git-pull?repo={quote(repo, safe='')}"
        f"&branch={quote(branch, safe='')}&urlpath={quote(urlpath, safe='')}"
    )
