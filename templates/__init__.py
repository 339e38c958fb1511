"""Question templates and card templates shipped with quizgen (installed as quizgen.templates)."""
