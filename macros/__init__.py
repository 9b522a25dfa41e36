"""Python code of the facial recognition course: the compiler (`macros.course`) and its thin MkDocs adapters."""
