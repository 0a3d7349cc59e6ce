"""Services for partners (labs, universities, industry): classify, assess, batch, risk, screening,
project plans."""
