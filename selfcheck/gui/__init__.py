"""The desktop app: the only package that imports Qt. A thin skin over the store, the reports and the exchange."""
