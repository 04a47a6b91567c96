"""The domain core of the impact dashboard: store, import, metrics. Never imports streamlit."""
