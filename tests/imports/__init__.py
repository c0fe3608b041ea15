"""Wire copy in: real agencies' files of each kind Newsroom reads (issue 14).

``samples/`` holds files written for these tests, faithful to each agency's
published format (structure, namespaces, encodings), with made-up stories.
"""
