"""The indicator report: for a programme, an organisation or a partnership and a period."""
