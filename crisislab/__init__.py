"""crisislab: the code behind the Thirteen Days course.

Notebooks import from here so that they hold narrative and short, readable code.
One module per idea: ``paths`` finds the data, ``style`` sets the course look,
``authoring`` executes notebooks for commit.
"""

__version__ = "0.1.0"
