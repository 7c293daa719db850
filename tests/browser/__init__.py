"""Real-browser tests: the course's notebooks in JupyterLab and Notebook 7, driven by Chromium."""
