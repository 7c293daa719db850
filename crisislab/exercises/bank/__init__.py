"""The question banks: ``lessonNN.py`` registers lesson NN's questions on import."""
