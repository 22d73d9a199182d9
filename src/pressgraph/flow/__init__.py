"""The flow: the one place that runs the stages in order and writes what they give.

    read (ingest/) -> clean -> split (clean/) -> store page -> annotate (nlp/) -> extract
    (extract/) -> resolve (resolve/) -> derive (store/derived.py)

The stages stay pure, records in and records out; only the flow (`flow.ingest` for the pages,
`flow.annotate` for the annotations and resolution) and the store touch the database. Every
input of an ingest run has a job (`flow.runs`, store/jobs.py) that moves with the data, so a
killed run is finished by the next one; `flow.status` reads what is left.
"""
