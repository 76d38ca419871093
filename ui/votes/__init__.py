"""The meeting vote on screen, one module per job.

- join: the server's address phones can reach, the join link and its QR code (shared screen)
- results: the live and past results of a round (shared screen)
- phone: a participant's code entry and ballot (the Vote page, reached from the QR code or link)
- meeting: opening, choosing and closing rounds (the Priorities page's vote and past-rounds tabs)
- common: the store, local times, focus-area titles and refusals the others share

User-supplied text (round titles, names) is only ever shown through st.text or inside tables, never as Markdown or
HTML.
"""
